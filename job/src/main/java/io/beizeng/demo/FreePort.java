package io.beizeng.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free loopback port for a server that binds it a moment later (a child process, a broker, a database).
 *
 * <p>Why not simply port 0: a port the kernel hands out for port 0 comes from the ephemeral range, the same range
 * every outgoing connection takes its local port from, so between "found free" and "bound by the server" a client
 * socket can take it and the server dies with "address already in use". Ports are therefore picked at random below
 * the ephemeral range, where only an explicit bind can land, and never handed out twice by one JVM.
 */
public final class FreePort {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {}

    public static int find() {
        int below = firstEphemeralPort();
        if (below - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
                if (!HANDED_OUT.contains(port) && bindable(port)) {
                    HANDED_OUT.add(port);
                    return port;
                }
            }
        }
        return fromKernel();
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    private static int fromKernel() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(s.getLocalPort());
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /**
     * The lower end of the kernel's ephemeral port range (Linux); 32768, the usual one, where it cannot be read. Read
     * line by line: a /proc file reports size 0, and reading all its bytes at once can return only the first one.
     */
    static int firstEphemeralPort() {
        try (BufferedReader range = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
