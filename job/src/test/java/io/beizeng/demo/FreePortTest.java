package io.beizeng.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
    @Test
    void portsAreBindableDistinctAndBelowTheEphemeralRange() throws Exception {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        int firstEphemeral = Files.isReadable(range)
                ? Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]) : 32_768;
        Set<Integer> seen = new HashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                int port = FreePort.find();
                assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
                if (firstEphemeral >= 11_000) {
                    assertThat(port).as("no client socket can take it").isBetween(10_000, firstEphemeral - 1);
                }
                // held open, so a later find() that handed out a bound port would fail here
                held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }
}
