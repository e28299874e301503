"""The annual report on disclosure (政府信息公开工作年度报告): its layout, figures, checks, page and files."""
