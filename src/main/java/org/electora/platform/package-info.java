/**
 * Platform: who is acting (staff accounts, roles, scopes), the shape of errors, i18n and time.
 * Kept small: anything a business capability owns lives in its own module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform")
package org.electora.platform;
