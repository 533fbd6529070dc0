package org.commcredits.ledger.query.webhooks;

import org.commcredits.ledger.api.error.ErrorCode;
import org.commcredits.ledger.api.error.LedgerException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the ledger sends webhooks to (INV-WH-07, against server-side request forgery): outside the sandbox
 * only {@code https} URLs whose host resolves to public addresses only; {@code allowPrivate}
 * ({@code LEDGER_WEBHOOKS_ALLOW_PRIVATE=true}) lifts the address rule for on-premises receivers (https stays);
 * the sandbox also allows {@code http} and loopback. The address is checked when the endpoint is created and
 * again before every attempt (a name may resolve elsewhere later); redirects are never followed.
 */
final class WebhookUrlPolicy {

    /** Name resolution, replaceable in tests. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    static final Resolver DNS = host -> List.of(InetAddress.getAllByName(host));

    private final boolean sandbox;
    private final boolean allowPrivate;
    private final Resolver resolver;

    WebhookUrlPolicy(boolean sandbox, boolean allowPrivate, Resolver resolver) {
        this.sandbox = sandbox;
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL if it is acceptable, else {@code 400 INVALID_WEBHOOK_URL} saying why. */
    URI accept(String url) {
        if (url == null || url.isBlank()) {
            throw new LedgerException(ErrorCode.INVALID_REQUEST, "Field 'url' is required");
        }
        if (url.length() > 2048) {
            throw refused("url must be at most 2048 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(sandbox && scheme.equals("http"))) {
            throw refused(sandbox ? "url must be http or https" : "url must be https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refused("url must name a host, without user info or fragment");
        }
        refusal(uri).ifPresent(reason -> {
            throw refused(reason);
        });
        return uri;
    }

    /** Why the ledger may not connect to this URL now, or empty; the check made before every attempt. */
    Optional<String> refusal(URI uri) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("the host " + uri.getHost() + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return Optional.of("the host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                return Optional.of("the host " + uri.getHost() + " resolves to a non-public address (" + address.getHostAddress() + ")");
            }
        }
        return Optional.empty();
    }

    private boolean allowed(InetAddress address) {
        if (allowPrivate || isPublic(address)) {
            return true;
        }
        return sandbox && address.isLoopbackAddress();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                      // 0.0.0.0/8 "this network"
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))   // 198.18.0.0/15 benchmarking
                    && first < 240;                                 // 240.0.0.0/4 reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address: judge that one
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException impossible) {
                    return false;
                }
            }
        }
        return true;
    }

    private static LedgerException refused(String reason) {
        return new LedgerException(ErrorCode.INVALID_WEBHOOK_URL, reason);
    }
}
