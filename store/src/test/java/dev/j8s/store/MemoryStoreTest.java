package dev.j8s.store;

import dev.j8s.store.memory.MemoryStore;

class MemoryStoreTest extends StoreContractTest {
    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
