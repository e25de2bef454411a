package org.electora.platform;

/**
 * Marks a controller that renders pages: its templates get the page model ({@link Ui} as {@code "ui"}). API
 * controllers are not marked, so that no API request pays for building a page model it never renders — selecting
 * advice by type is a cheap check per request, by annotation a scan (about 4 % of an API request's CPU).
 */
public interface PageController {
}
