package dev.j8s.net.dns;

import java.util.List;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

/**
 * What the cluster zone says about one question: the response code and the records of each section;
 * {@link #FORWARD} when the question is not the cluster's to answer.
 */
record DnsAnswer(int rcode, List<Record> answer, List<Record> authority, List<Record> additional) {

    /** Not the cluster's name: ask the upstream resolvers. */
    static final DnsAnswer FORWARD = new DnsAnswer(-1, List.of(), List.of(), List.of());

    DnsAnswer {
        answer = List.copyOf(answer);
        authority = List.copyOf(authority);
        additional = List.copyOf(additional);
    }

    static DnsAnswer of(List<Record> answer, List<Record> additional) {
        return new DnsAnswer(Rcode.NOERROR, answer, List.of(), additional);
    }

    boolean forward() {
        return rcode < 0;
    }
}
