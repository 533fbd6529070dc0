package org.commcredits.ledger.command.rating;

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

    private PhoneCountries() {
    }

    public static CountryCode of(E164Number number) {
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
