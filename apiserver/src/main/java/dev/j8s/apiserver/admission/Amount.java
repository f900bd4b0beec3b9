package dev.j8s.apiserver.admission;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact resource quantity with the format Kubernetes keeps beside it, so sums print the way
 * kube-apiserver prints them ({@code 500m + 500m = 1}, {@code 64Mi + 64Mi = 128Mi}). Parsing is
 * fabric8's {@link Quantity}; arithmetic is {@link BigDecimal}, never floating point.
 */
public record Amount(BigDecimal value, Format format) implements Comparable<Amount> {

    /** resource.Quantity's formats: the suffix family a value is printed with. */
    public enum Format { DECIMAL_SI, BINARY_SI, DECIMAL_EXPONENT }

    public static final Amount ZERO = new Amount(BigDecimal.ZERO, Format.DECIMAL_SI);

    private static final BigInteger KIBI = BigInteger.valueOf(1024);
    private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    public static Amount parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("quantities must match the regular expression "
                    + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        }
        Quantity quantity = Quantity.parse(text.trim());
        BigDecimal value = quantity.getNumericalAmount();
        return new Amount(value, formatOf(quantity.getFormat()));
    }

    public static Amount of(long value) {
        return new Amount(BigDecimal.valueOf(value), Format.DECIMAL_SI);
    }

    private static Format formatOf(String suffix) {
        if (suffix == null || suffix.isEmpty()) {
            return Format.DECIMAL_SI;
        }
        if (suffix.endsWith("i")) {
            return Format.BINARY_SI;
        }
        if ((suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E') && suffix.length() > 1) {
            return Format.DECIMAL_EXPONENT;
        }
        return Format.DECIMAL_SI;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public int signum() {
        return value.signum();
    }

    /** Quantity.Add: the sum keeps this amount's format, unless this is zero. */
    public Amount plus(Amount other) {
        return new Amount(value.add(other.value), isZero() ? other.format : format);
    }

    public Amount minus(Amount other) {
        return new Amount(value.subtract(other.value), isZero() ? other.format : format);
    }

    /** Quantity.MilliValue: thousandths, rounded up, as the LimitRanger compares. */
    public BigInteger milliValue() {
        return value.movePointRight(3).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }

    @Override
    public int compareTo(Amount other) {
        return value.compareTo(other.value);
    }

    /** Quantity.String: the canonical form ({@code 1500m}, {@code 1536Mi}, {@code 2k}, {@code 0}). */
    @Override
    public String toString() {
        if (value.signum() == 0) {
            return "0";
        }
        if (format == Format.BINARY_SI && value.abs().compareTo(BigDecimal.valueOf(1024)) >= 0) {
            BigDecimal whole = value.stripTrailingZeros();
            if (whole.scale() <= 0) {
                return binary(whole.toBigIntegerExact());
            }
        }
        return decimal(format == Format.DECIMAL_EXPONENT);
    }

    private static String binary(BigInteger number) {
        int exponent = 0;
        while (exponent < BINARY_SUFFIXES.length - 1 && number.mod(KIBI).signum() == 0) {
            number = number.divide(KIBI);
            exponent++;
        }
        return number + BINARY_SUFFIXES[exponent];
    }

    /** Mantissa and a power of ten that is a multiple of 3, the smallest integer mantissa that is exact. */
    private String decimal(boolean exponentForm) {
        // Go rounds quantities up to nano precision.
        BigDecimal nanos = value.setScale(9, RoundingMode.CEILING).stripTrailingZeros();
        int exponent = -nanos.scale();
        BigInteger mantissa = nanos.unscaledValue();
        int aligned = Math.floorDiv(exponent, 3) * 3;
        mantissa = mantissa.multiply(BigInteger.TEN.pow(exponent - aligned));
        return mantissa + suffix(aligned, exponentForm);
    }

    private static String suffix(int exponent, boolean exponentForm) {
        if (exponent == 0) {
            return "";
        }
        if (!exponentForm) {
            switch (exponent) {
                case -9: return "n";
                case -6: return "u";
                case -3: return "m";
                case 3: return "k";
                case 6: return "M";
                case 9: return "G";
                case 12: return "T";
                case 15: return "P";
                case 18: return "E";
                default: break;
            }
        }
        return "e" + exponent;
    }
}
