package io.beizeng.attribution;

import io.beizeng.model.Chain;

/** An enterprise's registry profile as of some instant. */
public record EnterpriseProfile(String name, String districtCode, String townCode, Chain chain, String parkId) {
    static final EnterpriseProfile NONE = new EnterpriseProfile(null, null, null, null, null);

    /** A production event can be attributed to this profile: it has a district and a chain. */
    public boolean isAttributable() {
        return districtCode != null && chain != null;
    }

    EnterpriseProfile apply(RegistryChange c) {
        if (c.full()) {
            return new EnterpriseProfile(c.name(), c.districtCode(), c.townCode(), c.chain(), c.parkId());
        }
        return new EnterpriseProfile(
                c.name() != null ? c.name() : name,
                c.districtCode() != null ? c.districtCode() : districtCode,
                c.townCode() != null ? c.townCode() : townCode,
                c.chain() != null ? c.chain() : chain,
                c.parkId() != null ? c.parkId() : parkId);
    }
}
