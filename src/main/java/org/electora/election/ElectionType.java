package org.electora.election;

public enum ElectionType {
    PRESIDENTIAL, PARLIAMENTARY, REFERENDUM
}
