package org.commcredits.ledger.command.rating;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.commcredits.ledger.api.call.E164Number;
import org.commcredits.ledger.api.ids.CountryCode;

/**
 * The country a number belongs to, by libphonenumber's metadata: the region of the number, else the main
 * region of its country calling code ({@code +1 555...} is US). Null for non-geographic numbers.
 */
public final class PhoneCountries {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /**
     * Answers of numbers seen before: parsing and matching a number against the regions' patterns was a tenth
     * of a batch import's CPU, and a tenant's calls go to the same numbers again and again. Absent (null)
     * answers are kept as {@link #NONE}.
     */
    private static final Cache<String, Object> KNOWN = Caffeine.newBuilder().maximumSize(100_000).build();
    private static final Object NONE = new Object();

    private PhoneCountries() {
    }

    public static CountryCode of(E164Number number) {
        Object known = KNOWN.get(number.value(), value -> {
            CountryCode country = parse(number);
            return country == null ? NONE : country;
        });
        return known instanceof CountryCode country ? country : null;
    }

    private static CountryCode parse(E164Number number) {
        try {
            Phonenumber.PhoneNumber parsed = PHONES.parse(number.value(), null);
            String region = PHONES.getRegionCodeForNumber(parsed);
            if (region == null) {
                region = PHONES.getRegionCodeForCountryCode(parsed.getCountryCode());
            }
            return CountryCode.isValid(region) ? CountryCode.of(region) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
