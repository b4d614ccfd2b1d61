package io.dataops.gateway.rest;

import io.dataops.testing.JwtKeysResource;
import io.dataops.testing.KafkaBrokerResource;
import io.dataops.testing.RedisResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static io.dataops.gateway.rest.GatewayApi.adminToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = JwtKeysResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = RedisResource.class, scope = TestResourceScope.GLOBAL)
class JwksAndHeadersTest {

    @Test
    void the_jwks_is_public_and_verifies_the_tokens_the_gateway_issues() throws Exception {
        String jwks = given().when().get("/.well-known/jwks.json")
                .then().statusCode(200).contentType("application/json").extract().asString();
        JsonPath keys = JsonPath.from(jwks);
        assertThat(keys.getString("keys[0].kty")).isEqualTo("RSA");
        assertThat(keys.getString("keys[0].use")).isEqualTo("sig");
        assertThat(keys.getString("keys[0].alg")).isEqualTo("RS256");
        assertThat(keys.getMap("keys[0]")).doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");

        String token = adminToken();
        String header = new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
        assertThat(JsonPath.from(header).getString("kid")).isEqualTo(keys.getString("keys[0].kid"));

        JwtClaims claims = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("https://dataops.local/gateway")
                .setExpectedAudience("dataops")
                .build().processToClaims(token);
        assertThat(claims.getAudience()).containsExactly("dataops");
    }

    @Test
    void the_web_ui_and_the_api_answer_with_security_headers_and_no_cors_grant() {
        given().when().get("/index.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", "DENY").header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer");
        given().auth().oauth2(adminToken()).when().get("/api/auth/me").then().statusCode(200)
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/auth/login")
                .then().header("Access-Control-Allow-Origin", nullValue());
    }
}
