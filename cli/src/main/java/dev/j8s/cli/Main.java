package dev.j8s.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code j8s} command. */
@Command(name = "j8s", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A Kubernetes-compatible container orchestrator.",
        subcommands = {ServerCommand.class, UpCommand.class, DownCommand.class, KubeconfigCommand.class,
                HollowCommand.class, AgentCommand.class, ImagesCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("j8s: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return 1;
                })
                .execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"j8s " + dev.j8s.apiserver.Version.J8S_VERSION + " (Kubernetes API "
                    + dev.j8s.apiserver.Version.KUBERNETES_VERSION + ")"};
        }
    }
}
