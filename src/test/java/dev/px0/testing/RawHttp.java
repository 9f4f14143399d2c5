package dev.px0.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection a request: the request line, headers and body go out exactly as
 * given (raw bytes: invalid percent-encoding, control characters, non-ASCII), which no client library allows. For
 * the tests of hostile input.
 */
public final class RawHttp {

    private final int port;
    private final int timeoutMillis;

    public RawHttp(int port) {
        this(port, 30_000);
    }

    /** With a read timeout: an answer that takes longer is an IOException. */
    public RawHttp(int port, int timeoutMillis) {
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** What came back: status, headers by lower-case name, body as UTF-8. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /** A header to send as it is (name and value written as UTF-8 bytes). */
    public record Header(String name, String value) {
    }

    public Response send(String method, String target, List<Header> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            StringBuilder head = new StringBuilder(method).append(' ').append(target)
                    .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (Header h : headers) {
                head.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            try {
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException e) {
                // the server may answer and close before reading a body it refuses
            }
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        while (status.startsWith("HTTP/1.1 1")) { // 100 Continue (the request said Expect): the answer follows
            while (!line(in).isEmpty()) {
                // its headers
            }
            status = line(in);
        }
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("no HTTP answer: " + status);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line; !(line = line(in)).isEmpty(); ) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int code = Integer.parseInt(status.substring(9, 12));
        // a change stream (text/event-stream) never ends by itself: its status and headers are the whole answer here
        boolean stream = headers.getOrDefault("content-type", "").startsWith("text/event-stream");
        if (code != 204 && code != 304 && !stream) {
            try {
                if (headers.containsKey("content-length")) {
                    body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
                } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    for (int size; (size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) > 0; ) {
                        body.write(in.readNBytes(size));
                        line(in);
                    }
                } else {
                    body.write(in.readAllBytes());
                }
            } catch (java.net.SocketException e) {
                // reset after the answer
            }
        }
        return new Response(code, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
