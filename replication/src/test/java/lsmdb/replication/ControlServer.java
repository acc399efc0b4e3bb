package lsmdb.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;

/**
 * The skeleton of a test's child JVM: it halts when its parent goes (its standard input closes), and answers a line
 * protocol on a loopback control port, one reply line per request line: {@code OK …} or {@code ERR sqlstate message}
 * ({@code XXIO} for anything that is not an SQLException). Each control connection has a state of its own (a session,
 * a JDBC connection), opened with it and closed with it.
 */
public final class ControlServer {

    /** Opens the state of one control connection. */
    public interface Opener<S extends AutoCloseable> {
        S open() throws Exception;
    }

    /** Answers one request line; the reply is {@code "OK"} followed by what this returns. */
    public interface Answerer<S> {
        String answer(S state, String line) throws Exception;
    }

    /** A child JVM's main. */
    public interface Main {
        void run() throws Exception;
    }

    private ControlServer() {
    }

    /**
     * Runs {@code main}; if it fails, prints why and halts with status 1. A main thread that merely ended would leave
     * the JVM up on the threads it had started (Ratis's are not daemons): a child that never answers and never
     * exits, so its parent could only time out, not tell why.
     */
    public static void runOrHalt(Main main) {
        try {
            main.run();
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /** Starts a daemon thread that halts this JVM once its parent, which writes nothing, closes our input. */
    public static void haltWhenParentGoes() {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent writes nothing; EOF means it is gone
                }
            } catch (IOException e) {
                // same as EOF
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Prints {@code ready} on standard output, then serves control connections on {@code port} until halted. */
    public static <S extends AutoCloseable> void serve(int port, String ready, Opener<S> opener,
                                                       Answerer<S> answerer) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            serve(server, ready, opener, answerer);
        }
    }

    /**
     * Like {@link #serve(int, String, Opener, Answerer)} on a loopback port the system picks as it binds, whose
     * number goes to {@code portFile} (whole, by a rename) before {@code ready} is printed. A port chosen by the
     * parent beforehand could be taken by anyone before this JVM binds it.
     */
    public static <S extends AutoCloseable> void serve(Path portFile, String ready, Opener<S> opener,
                                                       Answerer<S> answerer) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
            Files.writeString(partial, Integer.toString(server.getLocalPort()));
            Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            serve(server, ready, opener, answerer);
        }
    }

    private static <S extends AutoCloseable> void serve(ServerSocket server, String ready, Opener<S> opener,
                                                        Answerer<S> answerer) throws IOException {
        System.out.println(ready);
        System.out.flush();
        while (true) {
            Socket s = server.accept();
            Thread t = new Thread(() -> serveOne(s, opener, answerer), "control-" + s.getPort());
            t.setDaemon(true);
            t.start();
        }
    }

    private static <S extends AutoCloseable> void serveOne(Socket socket, Opener<S> opener, Answerer<S> answerer) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
             S state = opener.open()) {
            socket.setTcpNoDelay(true);
            String line;
            while ((line = in.readLine()) != null) {
                out.println(reply(state, line, answerer));
                out.flush();
            }
        } catch (Exception e) {
            // the client went away, or its state could not be opened: the client sees the connection close
        }
    }

    private static <S> String reply(S state, String line, Answerer<S> answerer) {
        try {
            return "OK" + answerer.answer(state, line);
        } catch (SQLException e) {
            return "ERR " + e.getSQLState() + " " + oneLine(e.getMessage());
        } catch (Exception e) {
            return "ERR XXIO " + oneLine(String.valueOf(e));
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
