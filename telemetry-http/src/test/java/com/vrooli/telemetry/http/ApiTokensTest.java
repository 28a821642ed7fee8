package com.vrooli.telemetry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which token a bearer header names and what it may do; tokens never appear in messages. */
class ApiTokensTest {

    private static final String UPLOADER = "up-0123456789abcdef";
    private static final String READER = "rd-0123456789abcdef";

    private final ApiTokens tokens = ApiTokens.builder().upload(UPLOADER, "picker-*").read(READER).build();

    @Test
    void bearerTokensAreRecognised() {
        TokenGrant up = tokens.authenticate("Bearer " + UPLOADER).orElseThrow();
        TokenGrant rd = tokens.authenticate("  bearer   " + READER + " ").orElseThrow();

        assertTrue(up.upload());
        assertFalse(up.read());
        assertTrue(up.mayWrite("picker-wheel"));
        assertFalse(up.mayWrite("shared-auth"));
        assertTrue(rd.read());
        assertFalse(rd.upload());
        assertEquals(List.of(0, 1), List.of(up.id(), rd.id()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", UPLOADER, "Basic " + UPLOADER, "Bearer " + UPLOADER + "0",
            "Bearer up-0123456789abcde", "Bearer UP-0123456789ABCDEF", "Token " + READER})
    void anythingElseIsNoToken(String header) {
        assertTrue(tokens.authenticate(header).isEmpty(), header);
    }

    @Test
    @DisplayName("a token listed twice gets the union of its rights; an upload token without patterns may write anywhere")
    void unionOfRights() {
        ApiTokens merged = ApiTokens.builder().upload(UPLOADER, "a-*").read(UPLOADER).upload(UPLOADER, "b-*")
                .upload(READER).build();

        TokenGrant both = merged.authenticate("Bearer " + UPLOADER).orElseThrow();
        assertTrue(both.read());
        assertTrue(both.mayWrite("a-1") && both.mayWrite("b-1"));
        assertFalse(both.mayWrite("c-1"));
        assertTrue(merged.authenticate("Bearer " + READER).orElseThrow().mayWrite("anything"));
        assertEquals(2, merged.size());
        assertEquals("ApiTokens[2 upload, 1 read]", merged.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"short-token", "has space in it 0123456789", "quote\"0123456789abcdef", "comma,0123456789abcdef",
            "=leading-equals-0123456789"})
    void malformedTokensAreRefusedWithoutEchoingThem(String token) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiTokens.builder().read(token));
        assertFalse(e.getMessage().contains(token), e.getMessage());
    }

    @Test
    void noTokensMeansAuthenticationIsOff() {
        assertTrue(ApiTokens.none().isEmpty());
        assertTrue(ApiTokens.builder().build().isEmpty());
        assertTrue(ApiTokens.none().authenticate("Bearer " + READER).isEmpty());
    }
}
