package io.beizeng.config;

import java.io.Serializable;

/** A region of the plan: the city or one of its districts (GB/T 2260 code, name, optional English name). */
public record Region(String code, String name, String nameEn) implements Serializable {

    /** "滕州市 Tengzhou", or the name alone when there is no English name. */
    public String displayName() {
        return nameEn == null ? name : name + " " + nameEn;
    }
}
