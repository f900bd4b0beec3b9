package dev.j8s.net.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nft -f -} with a script on stdin. The command prefix lets tests apply rules inside a
 * network namespace they created ({@code ip netns exec NS nft}).
 */
public final class NftApplier {

    private final List<String> command;

    /** @param nft the nft command, e.g. {@code [nft]} or {@code [ip, netns, exec, ns1, nft]} */
    public NftApplier(List<String> nft) {
        this.command = List.copyOf(nft);
    }

    public static NftApplier host() {
        return new NftApplier(List.of("nft"));
    }

    /** Applies the script as one transaction; throws with nft's message when it refuses it. */
    public void apply(String script) {
        run(List.of("-f", "-"), script);
    }

    /** Checks a script without applying it ({@code nft -c}). */
    public void check(String script) {
        run(List.of("-c", "-f", "-"), script);
    }

    /** Why nft cannot be used here, or null when it can (it is installed and we may change rules). */
    public String whyNot() {
        try {
            run(List.of("list", "tables"), "");
            return null;
        } catch (NftException e) {
            return e.getMessage();
        }
    }

    private void run(List<String> args, String stdin) {
        List<String> argv = new ArrayList<>(command);
        argv.addAll(args);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NftException(String.join(" ", argv) + " did not finish in 30 s");
            }
            if (process.exitValue() != 0) {
                throw new NftException(String.join(" ", argv) + " failed (exit " + process.exitValue() + "): "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new NftException("cannot run " + String.join(" ", argv) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NftException("interrupted while running nft");
        }
    }

    /** nft is missing or refused a script. */
    public static final class NftException extends RuntimeException {
        public NftException(String message) {
            super(message);
        }
    }
}
