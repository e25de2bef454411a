package org.electora.support;

import java.lang.reflect.Field;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.openqa.selenium.chrome.ChromeDriver;

/** Opens and quits the browsers of {@link OpenBrowser} fields around each test. */
public final class BrowserExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : browserFields(instance)) {
                field.set(instance, Browser.start());
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IllegalAccessException {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field field : browserFields(instance)) {
                if (field.get(instance) instanceof ChromeDriver driver) {
                    field.set(instance, null);
                    driver.quit();
                }
            }
        }
    }

    private static List<Field> browserFields(Object instance) {
        List<Field> fields = AnnotationSupport.findAnnotatedFields(instance.getClass(), OpenBrowser.class);
        fields.forEach(field -> field.setAccessible(true));
        return fields;
    }
}
