package app.mysay.views;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores the chosen ways as a comma-separated list of names, in a fixed order. */
@Converter
public class TakingPartWaysConverter implements AttributeConverter<Set<TakingPartWay>, String> {

    @Override
    public String convertToDatabaseColumn(Set<TakingPartWay> ways) {
        return ways == null || ways.isEmpty() ? null
                : new TreeSet<>(ways).stream().map(Enum::name).collect(Collectors.joining(","));
    }

    @Override
    public Set<TakingPartWay> convertToEntityAttribute(String column) {
        return column == null || column.isBlank() ? null
                : Arrays.stream(column.split(",")).map(TakingPartWay::valueOf).collect(Collectors.toCollection(TreeSet::new));
    }
}
