package io.beizeng.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortTest {
    @Test
    void theEphemeralRangeIsReadWhereTheKernelHasOne() {
        // 32768 is also the fallback; any Linux range worth the name starts well above the ports FreePort picks
        assertThat(FreePort.firstEphemeralPort()).isGreaterThanOrEqualTo(11_000);
    }

    @Test
    void portsAreBindableDistinctAndBelowTheEphemeralRange() throws Exception {
        int firstEphemeral = FreePort.firstEphemeralPort();
        Set<Integer> seen = new HashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                int port = FreePort.find();
                assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
                assertThat(port).as("no client socket can take it").isBetween(10_000, firstEphemeral - 1);
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
