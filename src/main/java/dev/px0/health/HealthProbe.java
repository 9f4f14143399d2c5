package dev.px0.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The container image's health check: {@code GET /v1/health} on this machine's px0, exit code 0 on a 200 and 1
 * otherwise. A plain socket and nothing else loaded, so that it starts in a fraction of a second and the image
 * needs neither curl nor a shell:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx16m -cp /app/classes dev.px0.health.HealthProbe}.
 * The port is {@code SERVER_PORT} (3000 when unset), or the first argument.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 3_000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("SERVER_PORT", "3000");
        String answer = statusLine(port);
        System.out.println("px0 health: " + answer);
        System.exit(answer.matches("HTTP/1\\.[01] 200\\b.*") ? 0 : 1);
    }

    /** The status line of GET /v1/health on 127.0.0.1:port, or what went wrong. */
    static String statusLine(String port) {
        int number;
        try {
            number = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            return "not a port: " + port;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", number), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:" + number + "\r\nConnection: close\r\n\r\n")
                              .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                                                         StandardCharsets.US_ASCII));
            String line = in.readLine();
            return line == null ? "no answer" : line;
        } catch (IOException e) {
            return "unreachable on port " + number + " (" + e.getClass().getSimpleName() + ")";
        }
    }
}
