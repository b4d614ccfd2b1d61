package io.dataops.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataops.gateway.config.GatewayConfig;
import io.dataops.gateway.service.AccessGate;
import io.dataops.model.problem.RateLimitedException;
import io.dataops.model.problem.ErrorCode;
import io.dataops.model.problem.Problem;
import io.dataops.model.problem.ProblemException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Forwards /api/* requests that belong to another service, after checking the bearer token here first (signature,
 * expiry, issuer, then AccessGate: logout list, deactivated users, per-user rate limit). The checks run on the
 * event loop against reactive Redis and never block it. Bodies stream through untouched; the token goes along, and the service checks it
 * again with its own permission rules.
 */
@ApplicationScoped
public class ApiProxy {
    private static final Logger LOG = Logger.getLogger(ApiProxy.class);
    private final JWTParser parser;
    private final AccessGate gate;
    private final ObjectMapper json;
    private final Map<String, URI> upstreams;

    public ApiProxy(JWTParser parser, AccessGate gate, ObjectMapper json, GatewayConfig config) {
        this.parser = parser;
        this.gate = gate;
        this.json = json;
        this.upstreams = config.routes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> URI.create(e.getValue())));
    }

    void register(@Observes Router router, Vertx vertx) {
        HttpProxy proxy = HttpProxy.reverseProxy(vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64)));
        proxy.originSelector(this::originOf);
        proxy.addInterceptor(new ProxyInterceptor() {
            @Override
            public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                appendForwardedFor(context.request().headers(), context.request().proxiedRequest());
                return context.sendRequest();
            }
        });
        router.routeWithRegex(RouteTable.FORWARDED_PATHS).handler(ctx -> authorizeThenForward(ctx, proxy));
    }

    /**
     * Appends the address this gateway saw, as every proxy should: a service that trusts the gateway
     * ({@code dataops.platform.trusted-proxies}) then audits that address, not one the client wrote itself.
     */
    static void appendForwardedFor(MultiMap headers, HttpServerRequest request) {
        if (request.remoteAddress() == null) {
            return;
        }
        String peer = request.remoteAddress().hostAddress();
        List<String> earlier = headers.getAll("X-Forwarded-For");
        headers.set("X-Forwarded-For", earlier.isEmpty() ? peer : String.join(", ", earlier) + ", " + peer);
    }

    private Future<SocketAddress> originOf(HttpServerRequest request) {
        URI upstream = RouteTable.serviceFor(request.path()).map(upstreams::get).orElse(null);
        if (upstream == null) {
            return Future.failedFuture("No upstream for " + request.path());
        }
        return Future.succeededFuture(SocketAddress.inetSocketAddress(upstream.getPort(), upstream.getHost()));
    }

    private void authorizeThenForward(RoutingContext ctx, HttpProxy proxy) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            reject(ctx, Problem.of(ErrorCode.UNAUTHORIZED, "A bearer token is required"));
            return;
        }
        JsonWebToken token;
        try {
            token = parser.parse(header.substring(7).trim());
        } catch (ParseException e) {
            reject(ctx, Problem.of(ErrorCode.UNAUTHORIZED, "The bearer token is not valid"));
            return;
        }
        gate.admit(token).subscribe().with(admitted -> proxy.handle(request), failure -> {
            if (failure instanceof ProblemException refused) {
                reject(ctx, refused.problem(),
                        failure instanceof RateLimitedException limited ? limited.retryAfterSeconds() : 0);
            } else {
                // the answer names no cause; the log does (a full Redis pool queue looks like Redis being down)
                LOG.warnf("Token store unavailable: %s", failure.toString());
                reject(ctx, Problem.of(ErrorCode.UPSTREAM_UNAVAILABLE, "The token store is unavailable"));
            }
        });
    }

    private void reject(RoutingContext ctx, Problem problem) {
        reject(ctx, problem, 0);
    }

    private void reject(RoutingContext ctx, Problem problem, long retryAfterSeconds) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + ",\"code\":\"" + problem.code() + "\"}";
        }
        var response = ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer");
        }
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        ctx.request().resume();
        response.end(body);
    }
}
