/**
 * Election: elections and their lifecycle, contests, candidates, the calendar of preparatory milestones and the
 * protocol templates (lines and control relations as data).
 * API: {@link org.electora.election.Elections} (read), {@link org.electora.election.ElectionAdministration} (commands).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Election")
package org.electora.election;
