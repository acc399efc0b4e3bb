package lsmdb.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** An admin command on the database directory named by its first parameter; it prints to picocli's streams. */
abstract class DirectoryCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "the database directory")
    Path dir;

    @Spec
    CommandSpec spec;

    final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    final PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
