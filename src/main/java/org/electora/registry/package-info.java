/**
 * Registry: voters and their one list per election (work in progress, issue 4). So far: probable-duplicate
 * detection of person records (blocking, Jaro–Winkler on transliterated names, Fellegi–Sunter weights learned by EM).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Voter register")
package org.electora.registry;
