-- A sent version's words may be flagged as maybe meaning danger now (app.mysay.views.UrgentWords): the reasons only,
-- never the words that matched. Set when the version is written; sent versions never change after.
alter table views add column urgent_reasons varchar(100);
