package newsgraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import edu.stanford.nlp.pipeline.StanfordCoreNLPServer;

/**
 * Runs Stanford CoreNLP's own HTTP server for the API, reachable from loopback only.
 *
 * Settings come from the environment (the Node launcher passes them): CORENLP_LAUNCHER_PORT,
 * CORENLP_LAUNCHER_THREADS, CORENLP_LAUNCHER_TIMEOUT_MS, CORENLP_LAUNCHER_PRELOAD (annotators to
 * load before the first request), CORENLP_LAUNCHER_MAX_CHARS, and optionally
 * CORENLP_LAUNCHER_PARENT_PID: test runs set it so the server stops itself if the runner dies.
 * CORENLP_LAUNCHER_ALLOW_REMOTE=true lifts the loopback-only rule, for a container whose port is
 * reachable only on its own network (docker-compose.yml).
 */
public final class CoreNlpLauncher {
    /**
     * StanfordCoreNLPServer binds every interface and has no bind-address option; its block list
     * refuses every IPv4 client outside 127.0.0.0/8 (the JVM runs IPv4-only, so nothing else gets in).
     */
    static final List<String> NON_LOOPBACK_SUBNETS = List.of(
            "0.0.0.0/2", "64.0.0.0/3", "96.0.0.0/4", "112.0.0.0/5", "120.0.0.0/6", "124.0.0.0/7",
            "126.0.0.0/8", "128.0.0.0/1");

    public static void main(String[] args) throws Exception {
        List<String> serverArgs = new ArrayList<>(List.of(
                "-port", env("CORENLP_LAUNCHER_PORT", "9000"),
                "-threads", env("CORENLP_LAUNCHER_THREADS", "2"),
                "-timeout", env("CORENLP_LAUNCHER_TIMEOUT_MS", "30000"),
                "-maxCharLength", env("CORENLP_LAUNCHER_MAX_CHARS", "200000"),
                "-quiet", "true"));
        if (!"true".equals(env("CORENLP_LAUNCHER_ALLOW_REMOTE", "false"))) {
            serverArgs.add("-blockList");
            serverArgs.add(blockListFile().toString());
        }
        String preload = env("CORENLP_LAUNCHER_PRELOAD", "");
        if (!preload.isBlank()) {
            serverArgs.add("-preload");
            serverArgs.add(preload);
        }
        String parentPid = System.getenv("CORENLP_LAUNCHER_PARENT_PID");
        if (parentPid != null && !parentPid.isBlank()) exitWhenParentDies(Long.parseLong(parentPid.trim()));
        StanfordCoreNLPServer.main(serverArgs.toArray(String[]::new));
    }

    /** The server reads its block list from a file, one subnet a line. */
    private static Path blockListFile() throws IOException {
        Path file = Files.createTempFile("newsgraph-corenlp-blocklist-", ".txt");
        file.toFile().deleteOnExit();
        Files.write(file, NON_LOOPBACK_SUBNETS);
        return file;
    }

    private static void exitWhenParentDies(long pid) {
        Thread watcher = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            System.out.println("Parent process " + pid + " is gone; stopping");
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
