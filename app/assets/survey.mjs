// The survey's enhancements, and nothing else: a live character count, focus on the error
// summary, and no double sending. The survey works without this script.
import { Button, CharacterCount, ErrorSummary, createAll } from 'govuk-frontend'

createAll(Button)
createAll(CharacterCount)
createAll(ErrorSummary)
