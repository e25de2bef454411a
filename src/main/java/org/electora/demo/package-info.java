/**
 * Demo: the fictional republic that ships with Electora (map, election, candidates), loaded on first start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo republic")
package org.electora.demo;
