package io.beizeng.config;

import java.io.Serializable;

/** A region of the plan: the city or one of its districts (GB/T 2260 code and name). */
public record Region(String code, String name) implements Serializable {}
