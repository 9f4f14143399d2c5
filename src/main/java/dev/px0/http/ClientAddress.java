package dev.px0.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The client's IP address. {@code X-Forwarded-For} is believed only when the connection comes from a trusted proxy
 * ({@code PX0_TRUSTED_PROXIES}: addresses or CIDR ranges); then the client is the right-most address in the header
 * that is not itself a trusted proxy. Otherwise, the header is ignored: anyone can write it.
 */
public final class ClientAddress {

    private static final HeaderName X_FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private final List<Range> trusted;

    private ClientAddress(List<Range> trusted) {
        this.trusted = trusted;
    }

    /**
     * From a comma-separated list such as {@code 10.0.0.0/8, 192.168.1.5, ::1}.
     *
     * @throws IllegalArgumentException on an entry that is not an IP address or a CIDR range
     */
    public static ClientAddress trusting(String proxies) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : proxies.split(",")) {
            if (!entry.isBlank()) {
                ranges.add(Range.parse(entry.strip()));
            }
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    /** The client address of this request, as text. */
    public String of(ServerRequest req) {
        InetAddress peer = req.remotePeer().address() instanceof InetSocketAddress a ? a.getAddress() : null;
        if (peer == null) {
            return "unknown";
        }
        if (!isTrusted(peer) || !req.headers().contains(X_FORWARDED_FOR)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String value : req.headers().get(X_FORWARDED_FOR).allValues()) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break; // not an address: stop believing the chain here
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        for (Range range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An IP literal, else null; never a DNS lookup. {@code InetAddress.getByName} looks up anything it cannot parse
     * as an address, and {@code dead.beef} is made of hex digits and dots: so an IPv4 address is parsed here, four
     * decimal numbers of at most 255, and only text with a colon (which can never be a host name) goes to
     * {@code getByName}, which parses it as an IPv6 literal or refuses it without a lookup.
     */
    static InetAddress literal(String text) {
        try {
            if (IPV4.matcher(text).matches()) {
                String[] parts = text.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int part = Integer.parseInt(parts[i]);
                    if (part > 255) {
                        return null;
                    }
                    bytes[i] = (byte) part;
                }
                return InetAddress.getByAddress(bytes);
            }
            if (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()) {
                return InetAddress.getByName(text);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private record Range(byte[] network, int prefix) {
        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            InetAddress address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address or CIDR range: " + cidr);
            }
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length: " + cidr);
            }
            return new Range(address.getAddress(), prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
