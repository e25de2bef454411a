package org.electora.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code ChromeDriver} field of an {@link ElectoraIntegrationTest}: a headless Chromium ({@link Browser#start()})
 * is put there before each test, ahead of the class's own {@code @BeforeEach} methods, and quit after it, also when
 * the test fails ({@link BrowserExtension}).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface OpenBrowser {
}
