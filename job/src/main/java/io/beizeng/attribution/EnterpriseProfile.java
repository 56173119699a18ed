package io.beizeng.attribution;

import io.beizeng.model.EnterpriseStatus;
import io.beizeng.model.Certification;
import io.beizeng.model.Chain;

/** An enterprise's registry profile and status as of some instant. */
public record EnterpriseProfile(
        String name, String districtCode, String townCode, Chain chain, String parkId,
        boolean aboveScale, boolean specializedSme, boolean highTech, boolean listed, boolean closed) {

    static final EnterpriseProfile NONE =
            new EnterpriseProfile(null, null, null, null, null, false, false, false, false, false);


    /** A production event can be attributed to this profile: it has a district and a chain. */
    public boolean isAttributable() {
        return districtCode != null && chain != null;
    }

    /**
     * The statuses this enterprise is counted with in its district ({@link EnterpriseStatus#bit()}s); none once
     * closed or without district.
     */
    public int stocks() {
        if (closed || districtCode == null) {
            return 0;
        }
        return (aboveScale ? EnterpriseStatus.ABOVE_SCALE.bit() : 0)
                | (specializedSme ? EnterpriseStatus.SPECIALIZED_SME.bit() : 0)
                | (highTech ? EnterpriseStatus.HIGH_TECH.bit() : 0) | (listed ? EnterpriseStatus.LISTED.bit() : 0);
    }

    EnterpriseProfile apply(RegistryChange c) {
        return switch (c.type()) {
            case REGISTERED -> new EnterpriseProfile(c.name(), c.districtCode(), c.townCode(), c.chain(), c.parkId(),
                    aboveScale, specializedSme, highTech, listed, closed);
            case UPDATED -> new EnterpriseProfile(
                    c.name() != null ? c.name() : name,
                    c.districtCode() != null ? c.districtCode() : districtCode,
                    c.townCode() != null ? c.townCode() : townCode,
                    c.chain() != null ? c.chain() : chain,
                    c.parkId() != null ? c.parkId() : parkId,
                    aboveScale, specializedSme, highTech, listed, closed);
            case ABOVE_SCALE_ENTERED -> withStatus(true, specializedSme, highTech, listed, closed);
            case ABOVE_SCALE_EXITED -> withStatus(false, specializedSme, highTech, listed, closed);
            case CERTIFIED, DECERTIFIED -> {
                boolean on = c.type() == io.beizeng.model.EnterpriseEventType.CERTIFIED;
                yield c.certification() == Certification.SPECIALIZED_SME
                        ? withStatus(aboveScale, on, highTech, listed, closed)
                        : withStatus(aboveScale, specializedSme, on, listed, closed);
            }
            case LISTED -> withStatus(aboveScale, specializedSme, highTech, true, closed);
            case CLOSED -> withStatus(aboveScale, specializedSme, highTech, listed, true);
        };
    }

    private EnterpriseProfile withStatus(boolean above, boolean sme, boolean tech, boolean isListed, boolean isClosed) {
        return new EnterpriseProfile(name, districtCode, townCode, chain, parkId, above, sme, tech, isListed, isClosed);
    }
}
