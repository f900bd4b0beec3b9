package dev.j8s.store.memory;

import dev.j8s.store.Store;
import dev.j8s.store.StoreContractTest;

class MemoryStoreTest extends StoreContractTest {
    @Override
    protected Store newStore(int ringCapacity, int watchQueueCapacity) {
        return new MemoryStore(ringCapacity, watchQueueCapacity);
    }
}
