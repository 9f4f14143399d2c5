package dev.px0.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (registered in {@code META-INF/services}): the JDK's own, which also records every
 * host name looked up, so a test can prove that px0 resolved nothing.
 */
public final class RecordingResolver extends InetAddressResolverProvider {

    private static final List<String> LOOKED_UP = new CopyOnWriteArrayList<>();

    /** Every host name looked up in this JVM so far. */
    public static List<String> lookedUp() {
        return List.copyOf(LOOKED_UP);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKED_UP.add(host);
                return builtin.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return builtin.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "px0-test-recording";
    }
}
