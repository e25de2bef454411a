package org.electora.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one Spring context every integration test shares (real HTTP on a random port, embedded PostgreSQL,
 * the small demo republic): keep its configuration identical so that Spring caches a single context. Fields marked
 * {@link OpenBrowser} get a headless Chromium for each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(BrowserExtension.class)
public @interface ElectoraIntegrationTest {
}
