package app.mysay.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client's address, for the sign-in limits: what a caller cannot choose. Without proxy forwarding it is the
 * connection's peer. With {@code quarkus.http.proxy.proxy-address-forwarding} and X-Forwarded-For allowed, and the peer
 * one of {@code quarkus.http.proxy.trusted-proxies} (every peer when none is listed, as Quarkus does), it is the
 * right-most hop of X-Forwarded-For that is not itself a trusted proxy: the address the council's proxy added for the
 * connection it received. Anything left of it is what the caller wrote, and is never used (Quarkus's own
 * {@code remoteAddress()} takes the left-most, so it is not read here). An IPv6 address counts as its /64, the block
 * one household or phone is given, so rotating within it buys nothing.
 * <p>
 * Trusted proxies are addresses or CIDR blocks (IPv4 or IPv6); a host name is resolved once, at start.
 */
@ApplicationScoped
public class ClientAddresses {

    private static final Logger LOG = Logger.getLogger(ClientAddresses.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV4_WITH_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private record Block(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private final boolean forwarding;
    private final List<Block> trusted;

    ClientAddresses(@ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
            boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-forwarded", defaultValue = "false") boolean allowForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded") Optional<Boolean> allowXForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        // As Quarkus decides it: X-Forwarded-* unless only the standard Forwarded header was allowed.
        this.forwarding = forwarding && allowXForwarded.orElse(!allowForwarded);
        this.trusted = trustedProxies.orElse(List.of()).stream().map(String::trim).filter(s -> !s.isEmpty())
                .flatMap(s -> blocks(s).stream()).toList();
        if (this.forwarding && this.trusted.isEmpty()) {
            LOG.warn("Proxy address forwarding is on with no quarkus.http.proxy.trusted-proxies: the sign-in limits "
                    + "count the last X-Forwarded-For hop, which only holds if nothing but the proxy reaches the port");
        }
    }

    /** The key the sign-in limits count this request under. */
    public String of(HttpServerRequest request) {
        if (request == null) {
            return null;
        }
        SocketAddress socket = request.connection() != null ? request.connection().remoteAddress()
                : request.remoteAddress();
        String peer = socket == null ? null : socket.hostAddress() != null ? socket.hostAddress() : socket.host();
        InetAddress peerAddress = literal(peer);
        if (forwarding && (trusted.isEmpty() || isTrusted(peerAddress))) {
            List<String> hops = new ArrayList<>();
            for (String header : request.headers().getAll("X-Forwarded-For")) {
                Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(hops::add);
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = literal(hostOf(hops.get(i)));
                if (hop == null) {
                    // Not an address: nothing a trusted proxy adds, so this is where the caller's own words begin.
                    return cap(hops.get(i));
                }
                if (!isTrusted(hop) || i == 0) {
                    return key(hop);
                }
            }
        }
        return peerAddress != null ? key(peerAddress) : peer;
    }

    private boolean isTrusted(InetAddress address) {
        return address != null && trusted.stream().anyMatch(b -> b.contains(address));
    }

    /** An IPv6 address counts as its /64; an IPv4 one (IPv4-mapped included) as itself. */
    static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            Arrays.fill(bytes, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return address.getHostAddress();
    }

    /** A hop as proxies write it: {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code 2001:db8::1}, {@code [2001:db8::1]:5678}. */
    static String hostOf(String hop) {
        String s = hop.trim();
        if (s.length() > 1 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        var withPort = IPV4_WITH_PORT.matcher(s);
        return withPort.matches() ? withPort.group(1) : s;
    }

    /** An address literal, parsed without ever asking DNS; null for anything else. */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text;
        int zone = s.indexOf('%');
        if (zone > 0) {
            s = s.substring(0, zone);
        }
        if (s.length() > 45 || !(IPV4.matcher(s).matches() || IPV6.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String cap(String hop) {
        return hop.length() > 100 ? hop.substring(0, 100) : hop;
    }

    private static List<Block> blocks(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = literal(host);
        if (address != null) {
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1).trim());
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("quarkus.http.proxy.trusted-proxies: bad prefix in " + entry);
            }
            return List.of(new Block(address.getAddress(), prefix));
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host))
                    .map(a -> new Block(a.getAddress(), a.getAddress().length * 8)).toList();
        } catch (UnknownHostException e) {
            LOG.warnf("Trusted proxy %s could not be resolved: it is not trusted", host);
            return List.of();
        }
    }
}
