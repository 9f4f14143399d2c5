package dev.px0.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A client built with a fallback while px0 cannot be reached serves the fallback without waiting out more than the
 * timeout that applies, beyond the connection refused of {@link OutageTest}: an address that completes no TCP
 * handshake (its connect timeout: the request timeout is set to 10 minutes, so a test that returns at all, limit
 * 30 s, shows the connect timeout applied), and one that accepts the connection but never answers (then px0 is
 * given its connect + request timeout to answer). The failure reason names the timeout. No px0 needed.
 */
class UnresponsivePx0Test {

    private static final String KEY = "px0_unresponsivesecretsecret";
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final Duration NEVER = Duration.ofMinutes(10);
    private static final Map<String, Object> VARS = Map.of("name", "Ada");

    @Test
    void anAddressThatCompletesNoHandshakeServesTheFallbackAfterTheConnectTimeout() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // backlog 1, never accepted: once its accept queue is full, the kernel drops new SYNs and a connect hangs
        try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
            InetSocketAddress address = new InetSocketAddress(loopback, full.getLocalPort());
            List<Socket> queued = new ArrayList<>();
            try {
                boolean hangs = false;
                for (int i = 0; i < 64 && !hangs; i++) {
                    Socket probe = new Socket();
                    try {
                        probe.connect(address, 1000);
                        queued.add(probe);
                    } catch (SocketTimeoutException e) {
                        probe.close();
                        hangs = true;
                    }
                }
                assertThat("a connect to the full accept queue hangs", hangs, is(true));

                Px0UnavailableException failure = assertTimeoutPreemptively(LIMIT, () -> {
                    try (Px0Client client = client(address).connectTimeout(Duration.ofMillis(500)).requestTimeout(NEVER)
                            .build()) {
                        Prompt p = client.prompt("reply");
                        assertThat(p.version(), is(0));
                        assertThat(p.render(VARS), is("Fallback for Ada"));
                        return assertThrows(Px0UnavailableException.class, () -> client.prompt("no-fallback"));
                    }
                }, "the client waited past its connect timeout (the request timeout is 10 minutes)");
                assertThat("the connect timeout applied", failure.getMessage(),
                           containsString("(HttpConnectTimeoutException: HTTP connect timed out)"));
                assertThat(failure.getMessage(), not(containsString(KEY)));
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anAddressThatAcceptsButNeverAnswersServesTheFallbackAfterConnectPlusRequestTimeout() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        // never accepted, but the kernel completes the handshakes: the client connects, sends, and hears nothing
        try (ServerSocket silent = new ServerSocket(0, 50, loopback)) {
            InetSocketAddress address = new InetSocketAddress(loopback, silent.getLocalPort());
            Px0UnavailableException failure = assertTimeoutPreemptively(LIMIT, () -> {
                // px0's answer may take connect + request timeout: the connection is made, no connect timeout fires
                try (Px0Client client = client(address).connectTimeout(Duration.ofMillis(500))
                        .requestTimeout(Duration.ofMillis(500)).build()) {
                    Prompt p = client.prompt("reply", "staging");
                    assertThat(p.version(), is(0));
                    assertThat(p.label(), is("staging"));
                    assertThat(p.render(VARS), is("Fallback for Ada"));
                    return assertThrows(Px0UnavailableException.class, () -> client.prompt("no-fallback"));
                }
            }, "the client waited past its connect + request timeout");
            assertThat("the request timeout applied", failure.getMessage(),
                       containsString("(HttpTimeoutException: request timed out)"));
            assertThat(failure.getMessage(), not(containsString(KEY)));
        }
    }

    private static Px0Client.Builder client(InetSocketAddress address) {
        return Px0Client.builder().baseUrl("http://127.0.0.1:" + address.getPort()).apiKey(KEY).project("support")
                .fallback("reply", "Fallback for {{name}}");
    }
}
