-- England and Wales bank holidays fetched from GOV.UK (mysay.bank-holidays-refresh.url), kept beside the list shipped
-- in mysay.bank-holidays, which stays the fallback. A refresh replaces the fetched days from its first day on, in one
-- transaction; a failed refresh changes nothing.
create table bank_holiday (
    day        date primary key,
    fetched_at timestamptz not null
);
