"""CSV and XLSX files of one or more tables, with the filters they were made
with on top. A table is (heading, headers, rows); CSV puts them one under the
other, XLSX gives each its own sheet."""

import csv
import io
import re

from openpyxl import Workbook


def to_csv(title, filters, tables):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([title])
    for label, value in filters:
        writer.writerow([label, value])
    for heading, headers, rows in tables:
        writer.writerow([])
        if len(tables) > 1:
            writer.writerow([heading])
        writer.writerow(headers)
        writer.writerows(rows)
    # A byte-order mark so Excel reads the Norwegian letters right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _sheet_name(heading):
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return re.sub(r"[\[\]:*?/\\]", "-", str(heading))[:31]


def to_xlsx(title, filters, tables, progress=None):
    book = Workbook(write_only=True)
    total = max(sum(len(rows) for _h, _hs, rows in tables), 1)
    done = 0
    for heading, headers, rows in tables:
        sheet = book.create_sheet(_sheet_name(heading if len(tables) > 1 else title))
        sheet.append([title])
        for label, value in filters:
            sheet.append([label, value])
        sheet.append([])
        sheet.append(headers)
        for row in rows:
            sheet.append(row)
            done += 1
            if progress and done % 1000 == 0:
                progress(done, total)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(file_format, title, filters, tables, progress=None):
    """(bytes, content type) of `tables` in `file_format` ("csv" or "xlsx")."""
    if file_format == "xlsx":
        return (
            to_xlsx(title, filters, tables, progress),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return to_csv(title, filters, tables), "text/csv; charset=utf-8"
