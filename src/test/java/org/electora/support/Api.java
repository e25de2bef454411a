package org.electora.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for API tests: JSON in, status and JSON out, optionally with a bearer token. */
public final class Api {

    public static final String ADMIN_PASSWORD = "test-admin-password";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static Api anonymous(int port) {
        return new Api("http://127.0.0.1:" + port, null);
    }

    public static Api as(int port, String username, String password) {
        Api anonymous = anonymous(port);
        Response r = anonymous.post("/api/v1/auth/tokens", Map.of("username", username, "password", password));
        if (r.status() != 201) {
            throw new IllegalStateException("Cannot sign in " + username + ": " + r.status() + " " + r.body());
        }
        return new Api(anonymous.base, r.json().get("token").asString());
    }

    public static Api admin(int port) {
        return as(port, "admin", ADMIN_PASSWORD);
    }

    public record Response(int status, String body, java.net.http.HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Response get(String path) {
        return send(request(path).GET().build());
    }

    /** Creates a staff account (as an admin); {@code scopeId} is null for a national scope. Fails the test unless 201. */
    public void createStaff(String username, String role, String scopeKind, Long scopeId, String password) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "displayName", username, "role", role,
                "scopeKind", scopeKind, "password", password));
        body.put("scopeId", scopeId);
        Response r = post("/api/v1/staff", body);
        if (r.status() != 201) {
            throw new AssertionError("creating staff " + username + ": " + r.status() + " " + r.body());
        }
    }

    /**
     * Registers a domestic observer organisation under a unique name and returns its id: what an observer's or a
     * journalist's account is scoped to (a scope must name an organisation that exists, STF-001).
     */
    public long createOrganisation(String name) {
        Response r = post("/api/v1/accreditation/organisations", java.util.Map.of("name", name, "kind", "DOMESTIC_NGO",
                "country", "AZ", "headOfMission", "Head of Mission", "contactEmail", "contact@example.org",
                "contactName", "Contact Person", "arrivalDate", java.time.LocalDate.now().minusDays(1).toString(),
                "departureDate", java.time.LocalDate.now().plusDays(20).toString()));
        if (r.status() != 201) {
            throw new AssertionError("creating organisation " + name + ": " + r.status() + " " + r.body());
        }
        return r.json().get("id").asLong();
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    public Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    }

    public Response putBytes(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A multipart/form-data POST with one file part, as a browser's file upload sends it. */
    public Response postFile(String path, String part, String filename, String contentType, byte[] content) {
        String boundary = "electora-" + java.util.UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    /** A binary response: status, headers and the bytes. */
    public record Bytes(int status, byte[] body, java.net.http.HttpHeaders headers) {
    }

    public Bytes getBytes(String path) {
        try {
            HttpResponse<byte[]> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Bytes postForBytes(String path, Object body) {
        try {
            HttpResponse<byte[]> r = http.send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
