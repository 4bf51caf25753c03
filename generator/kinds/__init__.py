"""One module per exercise kind: its fields, checks, HTML and answer. `KINDS` lists them in teaching order."""
from . import (best_response, classify, code_transcript, multiple_choice, order, scenario, single_choice,
               write_response)

KINDS = {m.KIND: m for m in (single_choice, multiple_choice, classify, order, best_response, write_response,
                             scenario, code_transcript)}
