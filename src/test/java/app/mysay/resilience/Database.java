package app.mysay.resilience;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL these tests run against, from the standard PG* variables ({@code pg_virtualenv} sets them): a fresh
 * database of their own, plain JDBC to look at what the service stored, and a real stop and start of the server.
 */
final class Database {

    private final String name;

    private Database(String name) {
        this.name = name;
    }

    /** A new, empty database (dropped first if an earlier run left it). */
    static Database fresh(String name) {
        try (Connection admin = connect(env("PGDATABASE", "postgres")); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name, e);
        }
        return new Database(name);
    }

    /** What an instance needs to reach this database. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", env("PGHOST", "localhost"));
        env.put("PGPORT", env("PGPORT", "5432"));
        env.put("PGUSER", env("PGUSER", "postgres"));
        env.put("PGPASSWORD", env("PGPASSWORD", ""));
        env.put("PGDATABASE", name);
        return env;
    }

    long count(String sql, Object... parameters) {
        return count(name, sql, parameters);
    }

    /** One statement in this test's database (e.g. what a test may do that no API offers); the rows it changed. */
    int execute(String sql, Object... parameters) {
        try (Connection c = connect(name); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Statements run as the server's superuser in the database the PG* variables name, e.g. ALTER SYSTEM. */
    static void administer(String... statements) {
        try (Connection admin = connect(env("PGDATABASE", "postgres")); Statement s = admin.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count over the server's own views (pg_stat_activity, ...), asked from outside this test's database. */
    static long serverCount(String sql, Object... parameters) {
        return count(env("PGDATABASE", "postgres"), sql, parameters);
    }

    /** One text value over the server's own views, asked from outside this test's database. */
    static String serverText(String sql, Object... parameters) {
        try (Connection c = connect(env("PGDATABASE", "postgres")); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(String database, String sql, Object... parameters) {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String setting(String name) {
        try (Connection admin = connect(env("PGDATABASE", "postgres")); Statement s = admin.createStatement();
                ResultSet rs = s.executeQuery("select current_setting('" + name.replace("'", "") + "')")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    String name() {
        return name;
    }

    void drop() {
        try (Connection admin = connect(env("PGDATABASE", "postgres")); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            // Left for the next run's fresh() to drop.
        }
    }

    /**
     * The throwaway cluster {@code pg_virtualenv} made for this run (it names it "regress"), found by its port; never a
     * server someone else uses. Empty when the tests run against another server, which they must not restart.
     */
    static Optional<String[]> throwawayCluster() {
        String port = env("PGPORT", "5432");
        for (String line : run("pg_lsclusters", "--no-header").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[1].equals("regress") && f[2].equals(port)) {
                return Optional.of(new String[] {f[0], f[1]});
            }
        }
        return Optional.empty();
    }

    /** Stops the server at once, as a crash or a failover would (no checkpoint, no goodbye to the clients). */
    static void crash(String[] cluster) {
        run("pg_ctlcluster", cluster[0], cluster[1], "stop", "-m", "immediate");
    }

    static void start(String[] cluster) {
        run("pg_ctlcluster", cluster[0], cluster[1], "start");
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(String database) throws SQLException {
        String url = "jdbc:postgresql://" + env("PGHOST", "localhost") + ":" + env("PGPORT", "5432") + "/" + database;
        return DriverManager.getConnection(url, env("PGUSER", "postgres"), env("PGPASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
