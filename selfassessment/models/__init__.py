from .assessments import Answer, SelfAssessment, SelfAssessmentAnswer

__all__ = ["Answer", "SelfAssessment", "SelfAssessmentAnswer"]
