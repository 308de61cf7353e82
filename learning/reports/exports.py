"""CSV and XLSX files of a table, with the filters it was made with on top."""

import csv
import io

from openpyxl import Workbook


def to_csv(title, filters, headers, rows):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([title])
    for label, value in filters:
        writer.writerow([label, value])
    writer.writerow([])
    writer.writerow(headers)
    writer.writerows(rows)
    # A byte-order mark so Excel reads the Norwegian letters right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(title, filters, headers, rows, progress=None):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append([title])
    for label, value in filters:
        sheet.append([label, value])
    sheet.append([])
    sheet.append(headers)
    for i, row in enumerate(rows):
        sheet.append(row)
        if progress and i % 1000 == 0:
            progress(i)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render(file_format, title, filters, headers, rows, progress=None):
    """(bytes, content type) of the table in `file_format` ("csv" or "xlsx")."""
    if file_format == "xlsx":
        return (
            to_xlsx(title, filters, headers, rows, progress),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return to_csv(title, filters, headers, rows), "text/csv; charset=utf-8"
