package org.commcredits.ledger.command.license;

import org.commcredits.ledger.api.ids.CountryCode;
import org.commcredits.ledger.api.license.Sku;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One user's licensing inside the tenant's {@link TenantLicenses}: usage location and the SKUs assigned.
 * An entity of the tenant aggregate, not an aggregate of its own, because the rules that matter (a seat
 * per assignment, never more assignments than seats) span all users of a tenant; see docs/licensing.md.
 * Only event sourcing handlers of the root change it.
 */
final class UserLicense {

    private CountryCode usageLocation;
    private Set<Sku> skus = new HashSet<>();

    UserLicense() {
        // for snapshots
    }

    CountryCode usageLocation() {
        return usageLocation;
    }

    boolean holds(Sku sku) {
        return skus.contains(sku);
    }

    Set<Sku> skus() {
        return skus.isEmpty() ? EnumSet.noneOf(Sku.class) : EnumSet.copyOf(skus);
    }

    Set<Sku> skusWith(Sku sku) {
        Set<Sku> after = skus();
        after.add(sku);
        return after;
    }

    Set<Sku> skusWithout(Sku sku) {
        Set<Sku> after = skus();
        after.remove(sku);
        return after;
    }

    void locate(CountryCode country) {
        this.usageLocation = country;
    }

    void hold(Set<Sku> skusAfter) {
        this.skus = new HashSet<>(skusAfter);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserLicense that && Objects.equals(usageLocation, that.usageLocation)
                && skus.equals(that.skus);
    }

    @Override
    public int hashCode() {
        return Objects.hash(usageLocation, skus);
    }
}
