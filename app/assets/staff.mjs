// Staff pages' enhancements: showing a password, a comment's characters left, focus on the
// error summary and on success messages, the service navigation's menu on small screens, and
// no double sending. Every staff page works without this script.
import {
  Button,
  CharacterCount,
  ErrorSummary,
  NotificationBanner,
  PasswordInput,
  ServiceNavigation,
  createAll
} from 'govuk-frontend'

createAll(Button)
createAll(CharacterCount)
createAll(ErrorSummary)
createAll(NotificationBanner)
createAll(PasswordInput)
createAll(ServiceNavigation)
