package lsmdb.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code lsmdb} command. Errors are one line and a non-zero exit; stack traces only with --verbose. */
@Command(name = "lsmdb", mixinStandardHelpOptions = true, version = "lsmdb 0.1.0",
        description = "An embedded LSM-tree database for the JVM: SQL shell, import and admin tools.",
        subcommands = {ShellCommand.class, ImportCommand.class, StatsCommand.class, VerifyCommand.class,
            CompactCommand.class, DumpCommand.class, RepairCommand.class, BackupCommand.class,
            lsmdb.cli.stress.StressCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", description = "show stack traces of errors", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            boolean verbose = parsed.matchedOption("--verbose") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--verbose") != null);
            if (verbose) {
                e.printStackTrace(line.getErr());
            } else {
                line.getErr().println("lsmdb: " + describe(e));
            }
            line.getErr().flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** One line a person can act on; the JDK's file exceptions carry only a path as their message. */
    static String describe(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            String what = e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : e instanceof java.nio.file.NotDirectoryException ? "not a directory" : "file system error";
            String reason = f.getReason() == null ? what : f.getReason();
            return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + reason;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }
}
