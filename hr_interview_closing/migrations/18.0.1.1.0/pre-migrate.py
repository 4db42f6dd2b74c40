"""18.0.1.1.0: the closing scenario key "custom" (which meant the standard close) is "standard".

Before the module loads, so that the selection's update finds no row with the former key.
"""


def migrate(cr, version):
    cr.execute("UPDATE hr_interview_closing_script SET scenario = 'standard' WHERE scenario = 'custom'")
    cr.execute("UPDATE hr_interview_session SET closing_scenario = 'standard' WHERE closing_scenario = 'custom'")
