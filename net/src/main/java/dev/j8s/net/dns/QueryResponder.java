package dev.j8s.net.dns;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Turns one DNS query (wire format) into the response to send back: from the cluster zone at once, or
 * from upstream when the name is not the cluster's. Transport-neutral; the caller says how big the
 * response may be (UDP: 512 bytes, or the client's EDNS buffer size; TCP: 65535) and dnsjava truncates
 * to that, setting TC, so a UDP client retries over TCP.
 */
final class QueryResponder {

    static final int TCP_MAX = 65535;
    private static final int UDP_MIN = 512;
    private static final int EDNS_MAX = 4096;

    private final ClusterRecords records;
    private final UpstreamForwarder upstream;
    final LongAdder local = new LongAdder();
    final LongAdder forwarded = new LongAdder();
    final LongAdder failed = new LongAdder();

    QueryResponder(ClusterRecords records, UpstreamForwarder upstream) {
        this.records = records;
        this.upstream = upstream;
    }

    /** The response bytes; completes at once unless the question is forwarded. Never null, never fails. */
    CompletableFuture<byte[]> respond(byte[] wire, boolean udp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (IOException e) {
            failed.increment();
            return CompletableFuture.completedFuture(formatError(wire));
        }
        int max = udp ? udpLimit(query) : TCP_MAX;
        Record question = query.getQuestion();
        if (query.getHeader().getFlag(Flags.QR) || query.getHeader().getOpcode() != Opcode.QUERY || question == null) {
            failed.increment();
            return CompletableFuture.completedFuture(reply(query, Rcode.NOTIMP).toWire(max));
        }
        DnsAnswer answer = records.answer(question.getName(), question.getType());
        if (!answer.forward()) {
            local.increment();
            return CompletableFuture.completedFuture(local(query, answer).toWire(max));
        }
        forwarded.increment();
        return upstream.forward(query).handle((response, error) -> {
            if (error != null || response == null) {
                failed.increment();
                return reply(query, Rcode.SERVFAIL).toWire(max);
            }
            return relay(query, response).toWire(max);
        });
    }

    private Message local(Message query, DnsAnswer answer) {
        Message response = reply(query, answer.rcode());
        response.getHeader().setFlag(Flags.AA);
        answer.answer().forEach(r -> response.addRecord(r, Section.ANSWER));
        answer.authority().forEach(r -> response.addRecord(r, Section.AUTHORITY));
        answer.additional().forEach(r -> response.addRecord(r, Section.ADDITIONAL));
        return response;
    }

    /** The upstream's sections under the client's id and question. */
    private static Message relay(Message query, Message upstream) {
        Message response = reply(query, upstream.getRcode());
        Header h = upstream.getHeader();
        for (int flag : new int[] {Flags.AA, Flags.RA, Flags.AD, Flags.CD}) {
            if (h.getFlag(flag)) {
                response.getHeader().setFlag(flag);
            }
        }
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL}) {
            for (Record r : upstream.getSection(section)) {
                if (!(r instanceof OPTRecord)) {
                    response.addRecord(r, section);
                }
            }
        }
        return response;
    }

    /** A response shell: the query's id, RD and question, QR and RA set, and an OPT when the client sent one. */
    private static Message reply(Message query, int rcode) {
        Message response = new Message(query.getHeader().getID());
        Header h = response.getHeader();
        h.setFlag(Flags.QR);
        h.setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            h.setFlag(Flags.RD);
        }
        h.setRcode(rcode & 0xF);
        if (query.getQuestion() != null) {
            response.addRecord(query.getQuestion(), Section.QUESTION);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(EDNS_MAX, (rcode >> 4) & 0xFF, 0), Section.ADDITIONAL);
        }
        return response;
    }

    private static int udpLimit(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? UDP_MIN : Math.max(UDP_MIN, Math.min(EDNS_MAX, opt.getPayloadSize()));
    }

    /** FORMERR for a message we cannot parse, echoing its id when there is one. */
    private static byte[] formatError(byte[] wire) {
        int id = wire.length >= 2 ? ((wire[0] & 0xFF) << 8) | (wire[1] & 0xFF) : 0;
        Message response = new Message(id);
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setRcode(Rcode.FORMERR);
        return response.toWire();
    }
}
