package newsgraph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community with only the Bolt connector, on loopback, with authentication on.
 *
 * Settings come from the environment (the Node launcher passes them, so the password never
 * appears in a process listing): NEO4J_LAUNCHER_PORT, NEO4J_LAUNCHER_DATA_DIR, NEO4J_USER,
 * NEO4J_PASSWORD, NEO4J_LAUNCHER_PAGECACHE (e.g. "512m"), and optionally NEO4J_LAUNCHER_PARENT_PID:
 * test runs set it so the server stops itself if the test runner dies without cleaning up.
 */
public final class Neo4jLauncher {
    /** Printed once Bolt accepts connections; the Node launcher waits for this exact prefix. */
    static final String READY_LINE = "NEO4J READY";

    public static void main(String[] args) {
        int port = Integer.parseInt(env("NEO4J_LAUNCHER_PORT", "7687"));
        Path dataDir = Path.of(env("NEO4J_LAUNCHER_DATA_DIR", ".data/neo4j")).toAbsolutePath();
        String user = env("NEO4J_USER", "neo4j");
        String password = env("NEO4J_PASSWORD", "");
        if (password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be at least 8 characters (Neo4j's minimum)");
            System.exit(2);
        }
        long pageCache = ByteUnit.parse(env("NEO4J_LAUNCHER_PAGECACHE", "512m"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dataDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                // Bolt otherwise waits 5 s for idle worker threads on every shutdown.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        // Registered before anything can fail, so SIGTERM/SIGINT always closes the store cleanly.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Neo4j shutting down");
            dbms.shutdown();
            System.out.println("Neo4j stopped");
        }, "neo4j-shutdown"));

        try {
            ensureUser(dbms, user, password);
        } catch (RuntimeException e) {
            // Without this the JVM would stay up (Neo4j's threads are not daemons) and never say READY.
            e.printStackTrace();
            System.exit(1);
        }

        String version = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally("CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                        Map.of(), r -> r.next().get("v").toString());
        System.out.println(READY_LINE + " Neo4j " + version + " Community on bolt://127.0.0.1:" + port
                + " (data " + dataDir + ")");
        System.out.flush();

        String parentPid = System.getenv("NEO4J_LAUNCHER_PARENT_PID");
        if (parentPid != null && !parentPid.isBlank()) {
            exitWhenParentDies(Long.parseLong(parentPid.trim()));
        }
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

    /** Sets the configured credentials, so a data directory always opens with the password in config. */
    private static void ensureUser(DatabaseManagementService dbms, String user, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        boolean exists = system.executeTransactionally("SHOW USERS YIELD user WHERE user = $user RETURN count(*) AS n",
                Map.of("user", user), r -> ((Number) r.next().get("n")).longValue() > 0);
        String statement = exists
                ? "ALTER USER " + quoted(user) + " SET PASSWORD $password CHANGE NOT REQUIRED"
                : "CREATE USER " + quoted(user) + " SET PASSWORD $password CHANGE NOT REQUIRED";
        try {
            system.executeTransactionally(statement, Map.of("password", password));
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to its current value: the user is already as configured.
            if (!exists || !String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
