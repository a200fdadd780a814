"""Reference data every new company starts with: a GB (VAT) or US (sales tax) company with
a realistic chart of accounts, classes, tax codes and rates, vendors and customers."""

from __future__ import annotations

from typing import Any

from sandboxes.quickbooks.company import Company
from sandboxes.quickbooks.kinds import ACCOUNT_CLASSIFICATION

COUNTRIES: dict[str, dict[str, Any]] = {
    "GB": {
        "currency": ("GBP", "British Pound Sterling"),
        "name": "Thornbury Consulting Ltd",
        "address": {"Line1": "14 Aldgate High Street", "City": "London",
                    "PostalCode": "EC3N 1AL", "Country": "GBR"},
        "timezone": "Europe/London",
        "fiscal_start": "April",
    },
    "US": {
        "currency": ("USD", "United States Dollar"),
        "name": "Redwood Design Studio Inc",
        "address": {"Line1": "220 Montgomery Street", "City": "San Francisco",
                    "CountrySubDivisionCode": "CA", "PostalCode": "94104", "Country": "USA"},
        "timezone": "America/Los_Angeles",
        "fiscal_start": "January",
    },
}  # fmt: skip

# (Name, AccountType, AccountSubType); GB/US spellings where they differ.
ACCOUNTS: list[tuple[str | dict[str, str], str, str]] = [
    ({"GB": "Current Account", "US": "Business Checking"}, "Bank", "Checking"),
    ("Business Savings", "Bank", "Savings"),
    ("Business Credit Card", "Credit Card", "CreditCard"),
    ({"GB": "Trade Debtors", "US": "Accounts Receivable (A/R)"},
     "Accounts Receivable", "AccountsReceivable"),
    ("Prepayments", "Other Current Asset", "PrepaidExpenses"),
    ("Undeposited Funds", "Other Current Asset", "UndepositedFunds"),
    ("Office Equipment", "Fixed Asset", "FurnitureAndFixtures"),
    ("Computer Equipment", "Fixed Asset", "MachineryAndEquipment"),
    ({"GB": "Trade Creditors", "US": "Accounts Payable (A/P)"},
     "Accounts Payable", "AccountsPayable"),
    ({"GB": "VAT Control", "US": "Sales Tax Payable"}, "Other Current Liability",
     "GlobalTaxPayable"),
    ({"GB": "PAYE and NI Payable", "US": "Payroll Liabilities"}, "Other Current Liability",
     "PayrollTaxPayable"),
    ("Accruals", "Other Current Liability", "OtherCurrentLiabilities"),
    ("Bank Loan", "Long Term Liability", "NotesPayable"),
    ({"GB": "Share Capital", "US": "Common Stock"}, "Equity", "CommonStock"),
    ("Retained Earnings", "Equity", "RetainedEarnings"),
    ("Sales", "Income", "SalesOfProductIncome"),
    ("Consulting Income", "Income", "ServiceFeeIncome"),
    ("Interest Income", "Other Income", "InterestEarned"),
    ("Cost of Sales", "Cost of Goods Sold", "SuppliesMaterialsCogs"),
    ("Subcontractors", "Cost of Goods Sold", "CostOfLaborCos"),
    ("Advertising and Marketing", "Expense", "AdvertisingPromotional"),
    ("Bank Charges", "Expense", "BankCharges"),
    ("Insurance", "Expense", "Insurance"),
    ("Legal and Professional Fees", "Expense", "LegalProfessionalFees"),
    ("Office Expenses", "Expense", "OfficeGeneralAdministrativeExpenses"),
    ("Rent or Lease", "Expense", "RentOrLeaseOfBuildings"),
    ("Repairs and Maintenance", "Expense", "RepairMaintenance"),
    ("Software Subscriptions", "Expense", "OtherMiscellaneousServiceCost"),
    ("Travel", "Expense", "Travel"),
    ("Meals and Entertainment", "Expense", "EntertainmentMeals"),
    ("Utilities", "Expense", "Utilities"),
    ("Wages and Salaries", "Expense", "PayrollExpenses"),
    ("Motor Vehicle Expenses", "Expense", "Auto"),
    ("Depreciation", "Other Expense", "Depreciation"),
]  # fmt: skip

CLASSES = ["Consulting", "Projects", "Overheads", "Marketing"]

# Tax rates (name, percent, agency) and the codes built from them (name, rate names).
TAXES: dict[str, tuple[list[tuple[str, float, str]], list[tuple[str, list[str]]]]] = {
    "GB": (
        [("20.0% S", 20.0, "HM Revenue & Customs"), ("5.0% R", 5.0, "HM Revenue & Customs"),
         ("0.0% Z", 0.0, "HM Revenue & Customs"), ("Exempt", 0.0, "HM Revenue & Customs"),
         ("No VAT", 0.0, "HM Revenue & Customs")],
        [("20.0% S", ["20.0% S"]), ("5.0% R", ["5.0% R"]), ("0.0% Z", ["0.0% Z"]),
         ("Exempt", ["Exempt"]), ("No VAT", ["No VAT"])],
    ),
    "US": (
        [("California State", 7.25, "California Department of Tax and Fee Administration"),
         ("San Francisco County", 1.375, "California Department of Tax and Fee Administration"),
         ("Out of State", 0.0, "California Department of Tax and Fee Administration")],
        [("California", ["California State", "San Francisco County"]),
         ("Out of State", ["Out of State"])],
    ),
}  # fmt: skip

PEOPLE = {
    "GB": {
        "Vendor": [("Acme Office Supplies Ltd", "orders@acme-office.co.uk", "Manchester"),
                   ("Northern Power plc", "billing@northernpower.co.uk", "Leeds"),
                   ("Brightside Telecom", "accounts@brightside.co.uk", "Bristol"),
                   ("Hartley & Sons Accountants", "office@hartleyandsons.co.uk", "York")],
        "Customer": [("Riverside Cafe Ltd", "hello@riversidecafe.co.uk", "London"),
                     ("Oakwood Builders", "admin@oakwoodbuilders.co.uk", "Reading"),
                     ("Ellis Design Studio", "studio@ellisdesign.co.uk", "Brighton")],
    },
    "US": {
        "Vendor": [("Staples Business", "orders@staples.example.com", "Oakland"),
                   ("Pacific Gas and Electric", "billing@pge.example.com", "San Francisco"),
                   ("Comcast Business", "accounts@comcast.example.com", "San Jose"),
                   ("Baker Legal LLP", "office@bakerlegal.example.com", "Palo Alto")],
        "Customer": [("Sunset Bakery", "hello@sunsetbakery.example.com", "Berkeley"),
                     ("Greenfield Landscaping", "admin@greenfield.example.com", "Fremont"),
                     ("Harbor Dental Group", "front@harbordental.example.com", "Sausalito")],
    },
}  # fmt: skip


def seed_company(company: Company, company_name: str | None = None) -> None:
    country = company.country
    facts = COUNTRIES[country]
    address: dict[str, Any] = dict(facts["address"])
    company.load(
        "CompanyInfo",
        {
            "Id": "1",
            "CompanyName": company_name or facts["name"],
            "LegalName": company_name or facts["name"],
            "CompanyAddr": address,
            "LegalAddr": address,
            "CustomerCommunicationAddr": address,
            "Country": country,
            "FiscalYearStartMonth": facts["fiscal_start"],
            "CompanyStartDate": "2021-04-01",
            "SupportedLanguages": "en",
            "DefaultTimeZone": facts["timezone"],
            "Email": {"Address": "accounts@example.com"},
            "NameValue": [{"Name": "OfferingSku", "Value": "QuickBooks Online Plus"}],
        },
    )
    for name, account_type, sub_type in ACCOUNTS:
        label = name[country] if isinstance(name, dict) else name
        company.load(
            "Account",
            {"Name": label, "FullyQualifiedName": label, "AccountType": account_type,
             "AccountSubType": sub_type, "Active": True, "SubAccount": False,
             "CurrentBalance": 0, "Classification": ACCOUNT_CLASSIFICATION[account_type],
             "CurrencyRef": _currency(company)},
        )  # fmt: skip
    for name in CLASSES:
        company.load(
            "Class", {"Name": name, "FullyQualifiedName": name, "SubClass": False, "Active": True}
        )
    _seed_taxes(company)
    for kind, people in PEOPLE[country].items():
        for display_name, email, city in people:
            company.load(
                kind,
                {"DisplayName": display_name, "CompanyName": display_name,
                 "PrintOnCheckName": display_name, "Active": True, "Balance": 0,
                 "PrimaryEmailAddr": {"Address": email},
                 "BillAddr": {"City": city, "Country": address["Country"]},
                 "CurrencyRef": _currency(company)},
            )  # fmt: skip


def _seed_taxes(company: Company) -> None:
    rates, codes = TAXES[company.country]
    rate_ids: dict[str, str] = {}
    for name, percent, agency in rates:
        stored = company.load(
            "TaxRate",
            {"Name": name, "Description": name, "Active": True, "RateValue": percent,
             "AgencyRef": {"value": "1", "name": agency}, "SpecialTaxType": "NONE",
             "DisplayType": "ReadOnly"},
        )  # fmt: skip
        rate_ids[name] = stored["Id"]
    for code_name, rate_names in codes:
        details = {
            "TaxRateDetail": [
                {"TaxRateRef": {"value": rate_ids[rate], "name": rate},
                 "TaxTypeApplicable": "TaxOnAmount", "TaxOrder": 0}
                for rate in rate_names
            ]
        }  # fmt: skip
        company.load(
            "TaxCode",
            {"Name": code_name, "Description": code_name, "Active": True, "Hidden": False,
             "Taxable": any(p > 0 for n, p, _ in rates if n in rate_names),
             "TaxGroup": len(rate_names) > 1,
             "SalesTaxRateList": details, "PurchaseTaxRateList": details},
        )  # fmt: skip


def _currency(company: Company) -> dict[str, str]:
    code, name = company.currency
    return {"value": code, "name": name}
