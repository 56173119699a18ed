package io.beizeng.attribution;

import io.beizeng.model.EnterpriseStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.beizeng.model.Certification;
import io.beizeng.model.Chain;
import io.beizeng.model.EnterpriseEventType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnterpriseHistoryTest {
    private static long ts(String iso) {
        return OffsetDateTime.parse(iso).toInstant().toEpochMilli();
    }

    private static RegistryChange registered(String at, String id, String district, Chain chain) {
        return new RegistryChange(ts(at), id, EnterpriseEventType.REGISTERED, "Acme", district, "T1", chain, null, null);
    }

    private static RegistryChange moved(String at, String id, String district) {
        return new RegistryChange(ts(at), id, EnterpriseEventType.UPDATED, null, district, null, null, null, null);
    }

    @Test
    void anEnterpriseThatMovesCountsForTheOldDistrictBeforeAndTheNewAfter() {
        EnterpriseHistory h = EnterpriseHistory.EMPTY
                .with(registered("2020-01-01T00:00:00+08:00", "e1", "370402", Chain.NEW_ENERGY))
                .with(moved("2024-07-01T00:00:00+08:00", "e2", "370481"));
        assertThat(h.at(ts("2024-06-30T23:59:59+08:00")).districtCode()).isEqualTo("370402");
        assertThat(h.at(ts("2024-07-01T00:00:00+08:00")).districtCode()).isEqualTo("370481");
        // an UPDATED keeps what it does not carry
        assertThat(h.at(ts("2024-07-02T00:00:00+08:00")).chain()).isEqualTo(Chain.NEW_ENERGY);
        assertThat(h.at(ts("2024-07-02T00:00:00+08:00")).townCode()).isEqualTo("T1");
        assertThat(h.at(ts("2019-12-31T00:00:00+08:00"))).isNull();
    }

    @Test
    void theOrderOfArrivalDoesNotMatter() {
        List<RegistryChange> changes = new ArrayList<>(List.of(
                registered("2020-01-01T00:00:00+08:00", "a", "370402", Chain.NEW_ENERGY),
                moved("2021-03-01T00:00:00+08:00", "b", "370403"),
                moved("2022-03-01T00:00:00+08:00", "c", "370404"),
                new RegistryChange(ts("2022-03-01T00:00:00+08:00"), "d", EnterpriseEventType.UPDATED, null, null, null,
                        Chain.NEXT_GEN_IT, null, null),
                registered("2023-01-01T00:00:00+08:00", "e", "370405", Chain.TRADITIONAL)));
        EnterpriseHistory inOrder = EnterpriseHistory.EMPTY;
        for (RegistryChange c : changes) {
            inOrder = inOrder.with(c);
        }
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            Collections.shuffle(changes, random);
            EnterpriseHistory shuffled = EnterpriseHistory.EMPTY;
            for (RegistryChange c : changes) {
                shuffled = shuffled.with(c);
            }
            for (String at : List.of("2020-06-01T00:00:00+08:00", "2021-06-01T00:00:00+08:00",
                    "2022-03-01T00:00:00+08:00", "2023-06-01T00:00:00+08:00")) {
                assertThat(shuffled.at(ts(at))).isEqualTo(inOrder.at(ts(at)));
            }
        }
        // the two changes at the same instant both apply (by eventId order)
        EnterpriseProfile p = inOrder.at(ts("2022-03-01T00:00:00+08:00"));
        assertThat(p.districtCode()).isEqualTo("370404");
        assertThat(p.chain()).isEqualTo(Chain.NEXT_GEN_IT);
        // a second REGISTERED replaces the whole profile
        assertThat(inOrder.at(ts("2023-06-01T00:00:00+08:00")).townCode()).isEqualTo("T1");
        assertThat(inOrder.at(ts("2023-06-01T00:00:00+08:00")).districtCode()).isEqualTo("370405");
    }

    @Test
    void anUpdateWithoutRegistrationIsNotAttributable() {
        EnterpriseHistory h = EnterpriseHistory.EMPTY.with(moved("2020-01-01T00:00:00+08:00", "x", "370402"));
        assertThat(h.at(ts("2021-01-01T00:00:00+08:00")).isAttributable()).isFalse();
    }

    @Test
    void theSameChangeTwiceIsOneChange() {
        RegistryChange c = registered("2020-01-01T00:00:00+08:00", "a", "370402", Chain.NEW_ENERGY);
        assertThat(EnterpriseHistory.EMPTY.with(c).with(c).changes()).hasSize(1);
    }

    @Test
    void statusChangesFollowTheEnterpriseAndClosingEndsEveryStock() {
        EnterpriseHistory h = EnterpriseHistory.EMPTY
                .with(registered("2020-01-01T00:00:00+08:00", "a", "370402", Chain.NEW_ENERGY))
                .with(status("2020-01-01T00:00:01+08:00", "b", EnterpriseEventType.ABOVE_SCALE_ENTERED, null))
                .with(status("2021-01-01T00:00:00+08:00", "c", EnterpriseEventType.CERTIFIED, Certification.SPECIALIZED_SME))
                .with(status("2022-01-01T00:00:00+08:00", "d", EnterpriseEventType.DECERTIFIED, Certification.SPECIALIZED_SME))
                .with(moved("2022-06-01T00:00:00+08:00", "e", "370403"))
                .with(status("2023-01-01T00:00:00+08:00", "f", EnterpriseEventType.ABOVE_SCALE_EXITED, null))
                .with(status("2024-01-01T00:00:00+08:00", "g", EnterpriseEventType.LISTED, null))
                .with(status("2025-01-01T00:00:00+08:00", "h", EnterpriseEventType.CLOSED, null));
        assertThat(h.at(ts("2020-06-01T00:00:00+08:00")).stocks()).isEqualTo(EnterpriseStatus.ABOVE_SCALE.bit());
        assertThat(h.at(ts("2021-06-01T00:00:00+08:00")).stocks())
                .isEqualTo(EnterpriseStatus.ABOVE_SCALE.bit() | EnterpriseStatus.SPECIALIZED_SME.bit());
        assertThat(h.at(ts("2022-03-01T00:00:00+08:00")).stocks()).isEqualTo(EnterpriseStatus.ABOVE_SCALE.bit());
        assertThat(h.at(ts("2022-07-01T00:00:00+08:00")).districtCode()).isEqualTo("370403");
        assertThat(h.at(ts("2023-06-01T00:00:00+08:00")).stocks()).isZero();
        assertThat(h.at(ts("2024-06-01T00:00:00+08:00")).stocks()).isEqualTo(EnterpriseStatus.LISTED.bit());
        assertThat(h.at(ts("2025-06-01T00:00:00+08:00")).stocks()).isZero();
        // closing does not stop attribution of production reported for the time before
        assertThat(h.at(ts("2025-06-01T00:00:00+08:00")).isAttributable()).isTrue();
    }

    private static RegistryChange status(String at, String id, EnterpriseEventType type, Certification cert) {
        return new RegistryChange(ts(at), id, type, null, null, null, null, null, cert);
    }
}
